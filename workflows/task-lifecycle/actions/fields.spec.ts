import { ACTIONS } from './index';
import { field, formOf } from './fields';

describe('a step’s form from its fields (formOf)', () => {
  it('remind: one optional text, labelled for a form, its description as the help line', () => {
    expect(formOf(ACTIONS.remind.fields)).toEqual([
      { name: 'message', kind: 'text', required: false, label: 'Lời nhắn', description: 'Lời nhắn đôn đốc (không bắt buộc)', maxLength: 20_000, min: null, max: null, values: null },
    ]);
    expect(formOf(ACTIONS.reject.fields)).toEqual([expect.objectContaining({ name: 'reason', kind: 'text', required: true, label: 'Lý do từ chối' })]);
  });

  it('a step that needs units, people or files has no plain form (its own form in the web)', () => {
    for (const name of ['assign', 'reassign', 'nameCoordinatingUnits', 'saveDraft', 'recordAttachment', 'removeAttachment'] as const) {
      expect([name, formOf(ACTIONS[name].fields)]).toEqual([name, null]);
    }
  });

  it('every plain kind maps to its control, the label falling back to the description, then the name', () => {
    expect(
      formOf({
        when: field.date({ description: 'Ngày' }),
        count: field.int({ optional: true, min: 1, max: 9 }),
        sure: field.boolean({ label: 'Đồng ý' }),
        pick: field.enum(['a', 'b'], { label: 'Chọn', description: 'Một trong hai' }),
      }),
    ).toEqual([
      { name: 'when', kind: 'date', required: true, label: 'Ngày', description: null, maxLength: null, min: null, max: null, values: null },
      { name: 'count', kind: 'int', required: false, label: 'count', description: null, maxLength: null, min: 1, max: 9, values: null },
      { name: 'sure', kind: 'boolean', required: true, label: 'Đồng ý', description: null, maxLength: null, min: null, max: null, values: null },
      { name: 'pick', kind: 'enum', required: true, label: 'Chọn', description: 'Một trong hai', maxLength: null, min: null, max: null, values: ['a', 'b'] },
    ]);
  });
});
