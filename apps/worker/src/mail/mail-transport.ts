import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { createTransport } from 'nodemailer';
import type { Env } from '@app/config';

/** One mail of the outbox, as the dispatcher hands it over. */
export interface OutgoingMail {
  /** The outbox row: names the .eml file, and goes out as a header for tracing. */
  id: string;
  /** Null for an account mail (invitation, password reset). */
  notificationId: string | null;
  to: { name: string; address: string };
  subject: string;
  text: string;
  html: string | null;
}

/** Sends mails: over SMTP, or into .eml files when no relay is configured. */
export interface MailTransport {
  /** For the logs: where mails go (never credentials). */
  readonly description: string;
  send(mail: OutgoingMail): Promise<{ messageId: string | null }>;
  /** A failure as one line for the logs and `last_error`: code, message, never a password. */
  describeError(err: unknown): string;
  close(): void;
}

export interface MailTransportConfig {
  from: string;
  /** Unset: every mail becomes an .eml file in `outboxDir`. */
  smtp?: { host: string; port: number; secure: boolean; user?: string; password?: string };
  outboxDir: string;
}

export function mailTransportConfig(env: Env): MailTransportConfig {
  return {
    from: env.SMTP_FROM,
    smtp: env.SMTP_HOST
      ? { host: env.SMTP_HOST, port: env.SMTP_PORT, secure: env.SMTP_SECURE, user: env.SMTP_USER, password: env.SMTP_PASSWORD }
      : undefined,
    outboxDir: env.MAIL_OUTBOX_DIR,
  };
}

/** The message as nodemailer composes it, the same for the relay and for a file. */
function messageOf(from: string, mail: OutgoingMail) {
  return {
    from,
    to: { name: mail.to.name, address: mail.to.address },
    subject: mail.subject,
    text: mail.text,
    ...(mail.html ? { html: mail.html } : {}),
    headers: {
      // RFC 3834: an automatic message, so out-of-office robots do not answer it.
      'Auto-Submitted': 'auto-generated',
      ...(mail.notificationId ? { 'X-Planflow-Notification': mail.notificationId } : {}),
    },
  };
}

/**
 * nodemailer over SMTP, or its stream transport writing RFC 5322 files: the same composer either
 * way, so an .eml file is exactly the mail the relay would have received.
 */
export function createMailTransport(config: MailTransportConfig): MailTransport {
  const secrets = [config.smtp?.password].filter((s): s is string => !!s);
  const describeError = (err: unknown): string => {
    const e = err as { code?: unknown; responseCode?: unknown; message?: unknown };
    const code = typeof e?.code === 'string' ? e.code : typeof e?.responseCode === 'number' ? String(e.responseCode) : 'ERROR';
    let text = `${code}: ${String(e?.message ?? err)}`.replace(/\s+/g, ' ').trim();
    for (const secret of secrets) text = text.split(secret).join('***');
    return text.slice(0, 500);
  };

  if (config.smtp) {
    const smtp = config.smtp;
    const transporter = createTransport({
      host: smtp.host,
      port: smtp.port,
      secure: smtp.secure,
      auth: smtp.user ? { user: smtp.user, pass: smtp.password } : undefined,
      // Well under the dispatcher's lease (5 min), so a hung relay is a failure, not a reclaim.
      connectionTimeout: 30_000,
      greetingTimeout: 30_000,
      socketTimeout: 60_000,
    });
    return {
      description: `smtp ${smtp.host}:${smtp.port}${smtp.secure ? ' (TLS)' : ''}`,
      async send(mail) {
        const info = await transporter.sendMail(messageOf(config.from, mail));
        return { messageId: info.messageId ?? null };
      },
      describeError,
      close: () => transporter.close(),
    };
  }

  const dir = resolve(config.outboxDir);
  const transporter = createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    description: `.eml files in ${dir}`,
    async send(mail) {
      const info = await transporter.sendMail(messageOf(config.from, mail));
      await mkdir(dir, { recursive: true });
      const file = join(dir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${mail.id}.eml`);
      // Written aside, then renamed: a reader never sees half a mail.
      await writeFile(`${file}.part`, info.message as Buffer);
      await rename(`${file}.part`, file);
      return { messageId: info.messageId ?? null };
    },
    describeError,
    close: () => transporter.close(),
  };
}
