import { Global, Module } from '@nestjs/common';
import { Env, loadEnv } from './env.schema';

/**
 * Provides the validated {@link Env} as an injectable class token. Validation happens when the
 * module is built, so a bad environment stops the process before anything listens or connects.
 */
@Global()
@Module({
  providers: [{ provide: Env, useFactory: () => loadEnv() }],
  exports: [Env],
})
export class AppConfigModule {}
