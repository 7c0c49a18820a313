import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

/** The project's root folder; the team folder with the schemas sits beside it as ../shared. */
const PROJECT_ROOT = path.resolve(import.meta.dirname, '../../../..')

/** The official OASIS Akoma Ntoso 3.0 schema, kept in the team folder (never copied into the project). */
export const AKN_SCHEMA = path.resolve(PROJECT_ROOT, '../shared/schemas/akomantoso30.xsd')

export type SchemaCheck = { readonly ran: true; readonly valid: boolean; readonly output: string } | { readonly ran: false; readonly why: string }

/** Validates an XML text against the AKN schema with `xmllint --schema`, when both are present. */
export function validateAkn(xml: string): SchemaCheck {
  if (!fs.existsSync(AKN_SCHEMA)) return { ran: false, why: `schema not found at ${AKN_SCHEMA}` }
  const probe = spawnSync('xmllint', ['--version'], { encoding: 'utf8' })
  if (probe.error) return { ran: false, why: 'xmllint not found (apt-get install -y libxml2-utils)' }
  const result = spawnSync('xmllint', ['--noout', '--nonet', '--schema', AKN_SCHEMA, '-'], { input: xml, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
  return { ran: true, valid: result.status === 0, output: `${result.stdout}${result.stderr}`.trim() }
}
