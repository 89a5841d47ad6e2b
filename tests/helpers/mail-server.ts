import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';
import { findFreePort } from '../../api/db/embedded-postgres.js';

export interface MailServer {
  /** The app's SMTP_URL. */
  url: string;
  /** Every mail received, parsed, in the order it came. */
  inbox: ParsedMail[];
  /** While true, every recipient is refused (451, « Service indisponible »), as by a server that is down. */
  down: boolean;
  close(): Promise<void>;
}

/** A real SMTP server in the test process: what the app sends is read back as mail. */
export async function startMailServer(): Promise<MailServer> {
  const port = await findFreePort();
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(_address, _session, callback) {
      callback(server.down ? Object.assign(new Error('Service indisponible'), { responseCode: 451 }) : undefined);
    },
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => server.inbox.push(mail))
        .then(() => callback(), callback);
    },
  });
  const server: MailServer = { url: `smtp://127.0.0.1:${port}`, inbox: [], down: false, close: () => new Promise<void>((resolve) => smtp.close(() => resolve())) };
  await new Promise<void>((resolve) => smtp.listen(port, '127.0.0.1', resolve));
  return server;
}

/** Whom a mail was sent to, as text. */
export const recipientOf = (mail: ParsedMail) => (mail.to && !Array.isArray(mail.to) ? mail.to.text : '');
