export * from './enums';
export * from './identity';
export * from './assets';
export * from './work-orders';
export * from './events';
export * from './maintenance-plans';
export * from './scheduling';
export * from './predictive';
