import { InitialSchema1764000000000 } from './1764000000000-initial-schema';
import { TaskLifecycleReadModel1764100000000 } from './1764100000000-task-lifecycle-read-model';

/** Every migration, in order. New migrations are appended here (see `npm run migration:generate`). */
export const MIGRATIONS = [InitialSchema1764000000000, TaskLifecycleReadModel1764100000000];
