import { DataSource } from 'typeorm';

/** The newest mail queued to an address in the e-mail outbox, and the token of its set-password link. */
export async function latestMail(ds: DataSource, address: string): Promise<{ subject: string; text: string; token: string; link: string }> {
  const [mail] = await ds.query(`SELECT subject, text_body FROM email_outbox WHERE to_address = $1 ORDER BY created_at DESC, id DESC LIMIT 1`, [address]);
  if (!mail) throw new Error(`no mail to ${address}`);
  const link = /(https?:\/\/\S+\/set-password\?token=([\w-]+))/.exec(mail.text_body);
  if (!link) throw new Error(`no set-password link in: ${mail.text_body}`);
  return { subject: mail.subject, text: mail.text_body, link: link[1], token: link[2] };
}
