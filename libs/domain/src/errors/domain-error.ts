/**
 * Errors the product shows to people carry a stable machine `code` (for clients and tests) and a
 * Vietnamese `message` (for users). The HTTP layer maps codes to statuses in one place.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
