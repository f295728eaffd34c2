import { Module } from '@nestjs/common';
import { TasksModule } from '../tasks/tasks.module';
import { InboxController } from './inbox.controller';
import { InboxService } from './inbox.service';

/** GET /me/inbox, its counts, and the person's notifications. */
@Module({
  imports: [TasksModule],
  controllers: [InboxController],
  providers: [InboxService],
})
export class InboxModule {}
