import { createCatalog } from '../../src/catalog/catalog.js'
import { compileLogFormat } from '../../src/log-formats/compile.js'
import { bundledEnvelopes } from '../../src/log-formats/envelopes.js'
import { candidateProftpdLayouts } from '../../src/log-formats/infer-proftpd-layout.js'
import { logFormatFromTemplate, TEMPLATE_LOG_FORMAT } from '../../src/log-formats/proftpd-template.js'
import { createLogFormatRegistry } from '../../src/log-formats/registry.js'
import { createReplyRegistry } from '../../src/replies/reply-registry.js'
import { timestampLayoutPattern } from '../../src/time/timestamp-parser.js'

/** One regular expression ftplog runs on log or network text, as it is compiled. */
export interface CheckedPattern {
  /** Where it comes from, e.g. `log format vsftpd, pattern ok-login`. */
  readonly id: string
  readonly source: string
  readonly flags: string
}

/** ProFTPD `LogFormat` templates whose generated patterns are checked (each `--template` variable appears). */
export const PROFTPD_TEMPLATES = [
  '%h %l %u %t "%r" %s %b',
  '%{iso8601} %a %u %m "%J" %s "%S" %{transfer-status} "%{transfer-failure}" "%E"',
  '%t %a %u %m "%f" %s %b',
  '%{epoch} %a %{remote-port} %U "%r" %s "%S" %T %{transfer-type} %{protocol}',
  '%{%Y-%m-%d %H:%M:%S}t [%P] %h "%r" %s %b %{NAME}e',
  // Layouts detection infers: proftpd-layouts.json, and one read from token shapes (fixtures/real/proftpd-logformats).
  ...candidateProftpdLayouts(),
  '%{iso8601} [%P] %a %{remote-port} %u %L "%r" %s "%S" %{transfer-status} "%{transfer-failure}" "%E" %b %l %{protocol}',
]

const TIME = { timeZone: 'UTC', year: 2024 }

/**
 * Every regular expression ftplog compiles from its data, as it compiles it: each log format's
 * patterns with `{{NAME}}` fragments expanded (the compiled regexes, envelopes and wrappers
 * included), column-header regexes and column field fragments, the syslog/journal envelopes,
 * markers and container-line prefixes, every timestamp layout, the catalog's message, rule and banner patterns, the reply
 * registry's variant patterns, and the patterns a ProFTPD `--template` generates.
 * Duplicates (same source and flags) are listed once, under the first id.
 */
export function allPatterns(): CheckedPattern[] {
  const out: CheckedPattern[] = []
  const add = (id: string, source: string, flags: string): void => {
    out.push({ id, source, flags })
  }
  const layouts = new Map<string, string>()
  const addLayout = (owner: string, t: { format: string; also?: readonly string[] } | undefined): void => {
    if (!t) return
    for (const l of [t.format, ...(t.also ?? [])]) if (!layouts.has(l)) layouts.set(l, owner)
  }

  const envelopes = bundledEnvelopes()
  for (const e of envelopes.text) {
    add(`envelope ${e.id}`, e.regex, 'u')
    addLayout(`envelope ${e.id}`, e.timestamp)
  }
  for (const e of envelopes.json) addLayout(`envelope ${e.id}`, e.timestamp)
  for (const m of envelopes.markers) add(`envelope marker ${m.id}`, m.regex, 'u')
  for (const c of envelopes.containers) if (c.regex !== undefined) add(`envelope container ${c.id}`, c.regex, 'u')

  const registry = createLogFormatRegistry()
  for (const def of registry.list()) {
    const owner = `log format ${def.name}`
    const format = compileLogFormat(def, TIME, { definitions: registry.list() })
    for (const p of format.patterns) add(`${owner}, pattern ${p.definition.id}`, p.regex.source, p.regex.flags)
    format.wrappers.forEach((w, i) => add(`${owner}, wrapper ${def.wrappers[i]?.id ?? `#${i}`}`, w.source, w.flags))
    addLayout(owner, def.timestamp)
    for (const w of def.wrappers) addLayout(owner, w.timestamp)
    for (const p of def.patterns) addLayout(owner, p.timestamp)
    if (def.columns) {
      add(`${owner}, columns header`, def.columns.header, 'u')
      for (const [col, f] of Object.entries(def.columns.fields)) if (typeof f !== 'string') add(`${owner}, column ${col}`, `^(?:${f.regex})$`, 'u')
      addLayout(owner, def.columns.timestamp)
    }
    if (def.json) addLayout(owner, def.json.timestamp)
  }

  for (const template of PROFTPD_TEMPLATES) {
    const reg = createLogFormatRegistry([logFormatFromTemplate(template)])
    const format = compileLogFormat(reg.get(TEMPLATE_LOG_FORMAT), TIME)
    for (const p of format.patterns) add(`--template ${JSON.stringify(template)}, pattern ${p.definition.id}`, p.regex.source, p.regex.flags)
    addLayout(`--template ${JSON.stringify(template)}`, reg.get(TEMPLATE_LOG_FORMAT).timestamp)
  }

  // A timestamp parser compiles `^layout$` (no flags); the same text as a fragment is what patterns embed.
  for (const [layout, owner] of layouts) {
    if (layout === 'epoch-micros') continue
    add(`timestamp layout ${JSON.stringify(layout)} (${owner})`, `^${timestampLayoutPattern(layout)}$`, '')
  }

  const catalog = createCatalog()
  for (const m of catalog.messages) add(`catalog message ${m.id}`, m.pattern, 'iu')
  for (const r of catalog.rules) {
    if (r.when.textPattern) add(`catalog rule ${r.id}`, r.when.textPattern, 'iu')
    if (r.when.followedBy?.textPattern) add(`catalog rule ${r.id} (next reply)`, r.when.followedBy.textPattern, 'iu')
    if (r.when.precededBy?.textPattern) add(`catalog rule ${r.id} (previous reply)`, r.when.precededBy.textPattern, 'iu')
  }
  catalog.banners.forEach((b, i) => add(`catalog banner ${i} (${b.server})`, b.pattern, 'iu'))

  for (const entry of createReplyRegistry().entries) {
    for (const v of entry.variants) if (v.textPattern) add(`reply ${entry.code} variant ${v.id}`, v.textPattern, 'i')
  }

  const seen = new Set<string>()
  return out.filter((p) => {
    const key = `${p.flags}/${p.source}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}
