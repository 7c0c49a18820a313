import nodemailer, { type Transporter } from 'nodemailer'
import type { Logger } from 'pino'

export interface MailMessage {
  readonly to: string
  /** The recipient's display name, put beside the address by nodemailer (encoded, never raw). */
  readonly toName?: string
  readonly subject: string
  readonly text: string
}

const CONTROL = /\p{Cc}+/gu

/** One line for a header: control characters (CR, LF…) become a space, so nothing can start a new header. */
export const headerText = (value: string, max = 200): string => value.replace(CONTROL, ' ').trim().slice(0, max)

/**
 * E-mail through SMTP_URL (nodemailer); without it, `enabled` is false and nothing is sent. Subjects
 * and names are put into headers as one line, and addresses go as structured fields, never as text.
 */
export class Mailer {
  private readonly transport: Transporter | null

  constructor(
    smtpUrl: string | null,
    private readonly from: string,
    private readonly log: Logger,
  ) {
    this.transport = smtpUrl ? nodemailer.createTransport(smtpUrl) : null
  }

  get enabled(): boolean {
    return this.transport !== null
  }

  /** Sends one message; false when e-mail is off or the server refused it (logged). */
  async send(message: MailMessage): Promise<boolean> {
    if (!this.transport) return false
    try {
      await this.transport.sendMail({
        from: this.from,
        to: message.toName ? { name: headerText(message.toName, 120), address: message.to } : message.to,
        subject: headerText(message.subject),
        text: message.text,
      })
      return true
    } catch (error) {
      this.log.warn({ err: error }, 'could not send an e-mail')
      return false
    }
  }

  close(): void {
    this.transport?.close()
  }
}
