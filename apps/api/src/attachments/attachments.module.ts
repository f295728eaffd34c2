import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { Env } from '@app/config';
import { TasksModule } from '../tasks/tasks.module';
import { uploadOptions } from '../uploads/uploaded-file';
import { AttachmentStorage } from './attachment-storage';
import { AttachmentController } from './attachment.controller';
import { AttachmentService } from './attachment.service';
import { DiskAttachmentStorage } from './disk-attachment.storage';

/** Task attachments on disk (ATTACHMENTS_DIR) behind AttachmentStorage. */
@Module({
  imports: [TasksModule, MulterModule.registerAsync({ inject: [Env], useFactory: (env: Env) => uploadOptions(env.ATTACHMENT_MAX_BYTES) })],
  controllers: [AttachmentController],
  providers: [AttachmentService, { provide: AttachmentStorage, inject: [Env], useFactory: (env: Env) => new DiskAttachmentStorage(env.ATTACHMENTS_DIR) }],
  exports: [AttachmentService, AttachmentStorage],
})
export class AttachmentsModule {}
