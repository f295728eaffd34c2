import { ValidateBy, ValidationOptions } from 'class-validator';
import { CalendarDate } from '@app/domain';

/**
 * A real calendar day `YYYY-MM-DD` (not 30 February, which a pattern lets through and Postgres
 * then refuses with a 500). For query and body dates; the message names the field.
 */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCalendarDate',
      validator: {
        validate: (value: unknown) => CalendarDate.isValid(value),
        defaultMessage: (args) => `${args?.property}: cần một ngày có thật dạng YYYY-MM-DD`,
      },
    },
    options,
  );
}
