import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'planflow:isPublic';

/** Opens a route (or a controller) to callers without a token; everything else requires one. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);
