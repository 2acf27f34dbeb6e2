import { extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';

// Every schema in this package may carry OpenAPI metadata (`.openapi(...)`).
extendZodWithOpenApi(z);

export { z };
