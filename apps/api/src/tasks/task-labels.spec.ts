import { actorLabelOf } from './task-labels';

describe('actorLabelOf', () => {
  const deputy = { id: 'd', fullName: 'Trần Quốc Việt', title: 'Phó Giám đốc' };
  const director = { id: 'g', fullName: 'Lê Minh Tuấn', title: 'Giám đốc' };

  it('names the person with their title, the system for timers, and both names for KT.', () => {
    expect(actorLabelOf(null, null)).toBe('Hệ thống');
    expect(actorLabelOf(deputy, null)).toBe('Phó Giám đốc Trần Quốc Việt');
    expect(actorLabelOf(deputy, director)).toBe('KT. Giám đốc Lê Minh Tuấn — Phó Giám đốc Trần Quốc Việt');
  });
});
