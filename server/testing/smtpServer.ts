import type { AddressInfo } from 'node:net'
import { type ParsedMail, simpleParser } from 'mailparser'
import { SMTPServer } from 'smtp-server'
import { onTestFinished } from 'vitest'
import { waitFor } from './waitFor'

export interface ReceivedMail {
  /** Envelope recipients, as the SMTP client gave them. */
  readonly rcptTo: string[]
  readonly parsed: ParsedMail
  readonly to: string
  readonly subject: string
  readonly text: string
}

/** A real SMTP server on port 0 that keeps every message it receives, parsed; closed after the test. */
export async function startSmtpServer() {
  const received: ReceivedMail[] = []
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          const to = Array.isArray(parsed.to) ? parsed.to.map((a) => a.text).join(', ') : (parsed.to?.text ?? '')
          received.push({ rcptTo: session.envelope.rcptTo.map((r) => r.address), parsed, to, subject: parsed.subject ?? '', text: parsed.text ?? '' })
          callback()
        })
        .catch((error: unknown) => callback(error instanceof Error ? error : new Error(String(error))))
    },
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.server.address() as AddressInfo).port
  onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())))
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    /** The first message to `address` after `skip` of them, waited for. */
    async mailTo(address: string, skip = 0): Promise<ReceivedMail> {
      const mail = await waitFor(() => received.filter((m) => m.rcptTo.includes(address))[skip], { message: `a mail to ${address}` })
      if (!mail) throw new Error(`no mail to ${address}`)
      return mail
    },
    countTo(address: string): number {
      return received.filter((m) => m.rcptTo.includes(address)).length
    },
  }
}

/** The one-time token in a link of the mail (`…#token=…`). */
export function linkToken(mail: ReceivedMail): string {
  const match = /#token=([A-Za-z0-9_-]+)/.exec(mail.text)
  if (!match?.[1]) throw new Error(`no link in: ${mail.text}`)
  return match[1]
}
