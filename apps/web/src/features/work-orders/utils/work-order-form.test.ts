import { describe, expect, it } from 'vitest';
import { EQUIPMENT_ID } from '@/test/fixtures';
import { EMPTY_FORM, type WorkOrderFormValues, validateCreate, validateUpdate } from './work-order-form';

const filled: WorkOrderFormValues = { ...EMPTY_FORM, title: 'Seal leaking', equipmentId: EQUIPMENT_ID };
const errorsOf = (values: Partial<WorkOrderFormValues>) => {
  const checked = validateCreate({ ...filled, ...values });
  return checked.ok ? {} : checked.errors;
};

describe('the work-order form’s messages, in the words of its labels', () => {
  it.each([
    ['-5', 'Estimated minutes must be a whole number of 0 or more'],
    ['1.5', 'Estimated minutes must be a whole number of 0 or more'],
    ['600000', 'Estimated minutes must be at most 525,600'],
  ])('estimated minutes %s', (typed, message) => {
    expect(errorsOf({ estimatedDuration: typed })).toEqual({ estimatedDuration: message });
  });

  it.each([
    ['welding:9', 'Skill level must be 1 to 5'],
    ['welding:0', 'Skill level must be 1 to 5'],
    ['welding:2.5', 'Skill level must be 1 to 5'],
    ['welding:x', 'Write skills as name:level, e.g. welding:3'],
    [':3', 'Write skills as name:level, e.g. welding:3'],
    [`electrical, ${'w'.repeat(101)}`, 'A skill name may have at most 100 characters'],
  ])('required skills "%s"', (typed, message) => {
    expect(errorsOf({ requiredSkills: typed }).requiredSkills).toBe(message);
  });

  it('says the same when editing', () => {
    const checked = validateUpdate({ ...filled, requiredSkills: 'welding:9', estimatedDuration: '-5' }, filled);
    expect(checked).toMatchObject({
      ok: false,
      errors: { requiredSkills: 'Skill level must be 1 to 5', estimatedDuration: 'Estimated minutes must be a whole number of 0 or more' },
    });
  });
});

describe('checklist messages', () => {
  it('land on the line the task was typed on, blank lines (not sent) counting', () => {
    const errors = errorsOf({ tasks: ['', 'Isolate the pump', '  ', 'x'.repeat(301)] });
    expect(errors).toEqual({ 'tasks.3.title': 'A task may have at most 300 characters' });
  });

  it('send only the lines with text', () => {
    const checked = validateCreate({ ...filled, tasks: ['', 'Isolate the pump', ' '] });
    expect(checked.ok && checked.body.tasks).toEqual([{ title: 'Isolate the pump' }]);
  });
});
