/**
 * What a Word import accepts (documented in README "Word import"): an upload of at most
 * WORD_MAX_UPLOAD_BYTES, unpacking to at most WORD_MAX_UNPACKED_BYTES, in at most WORD_MAX_ENTRIES files.
 */
import { AppError } from '../errors'

const MiB = 1024 * 1024

export const WORD_MAX_UPLOAD_BYTES = 10 * MiB
/** Zip bombs: the declared sizes of all the package's files together, before anything is unpacked. */
export const WORD_MAX_UNPACKED_BYTES = 100 * MiB
export const WORD_MAX_ENTRIES = 2000
/** A draft holds at most this many clauses (as `POST /api/drafts`). */
export const WORD_MAX_CLAUSES = 2000

/** Each refusal has its own stable code, so the screen and scripts can tell them apart. */
export const wordError = {
  tooLarge: () => new AppError(413, 'file_too_large', `This file is larger than ${WORD_MAX_UPLOAD_BYTES / MiB} MB, the most a Word import accepts. Remove images or split the document, then try again.`),
  empty: () => new AppError(400, 'file_missing', 'No file was received. Choose a Word document (.docx) and try again.'),
  notZip: () => new AppError(400, 'not_a_word_file', 'This file is not a Word document (.docx). Open it in Word or LibreOffice and save it as “Word Document (.docx)”.'),
  encrypted: () => new AppError(400, 'password_protected', 'This Word document is protected by a password, so it cannot be read. Open it in Word, remove the password (File › Info › Protect Document), save it and try again.'),
  legacyWord: () => new AppError(400, 'not_a_word_file', 'This is an old-format Word document (.doc). Open it in Word or LibreOffice and save it as “Word Document (.docx)”.'),
  notWord: () => new AppError(400, 'not_a_word_file', 'This file is a zip archive but not a Word document (.docx). Open it in Word or LibreOffice and save it as “Word Document (.docx)”.'),
  macros: () => new AppError(400, 'macro_enabled', 'This is a macro-enabled Word document (.docm); macros are not accepted. In Word, save it as “Word Document (.docx)” and try again.'),
  bomb: () => new AppError(413, 'unpacked_too_large', `This document would unpack to more than ${WORD_MAX_UNPACKED_BYTES / MiB} MB, the most a Word import accepts. It may be damaged; save it again from Word, or split it.`),
  entities: () => new AppError(400, 'unsafe_xml', 'This document contains XML declarations (a DTD or entities) that Word never writes, so it was refused for safety. Save it again from Word or LibreOffice and try again.'),
  damaged: (part: string) => new AppError(400, 'damaged_word_file', `This Word document is damaged (its part ${part} cannot be read). Open it in Word, save it again and try again.`),
  empty_document: () => new AppError(400, 'empty_document', 'This Word document has no text to import.'),
  tooManyClauses: () => new AppError(400, 'too_many_clauses', `This document has more than ${WORD_MAX_CLAUSES} articles, the most a draft holds. Split it into several drafts.`),
}
