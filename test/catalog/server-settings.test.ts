import { describe, expect, it } from 'vitest'
import { createCatalog } from '../../src/catalog/catalog.js'
import { serverSettingFact, serverSettingFacts } from '../../src/catalog/server-settings.js'
import { proftpdDirectiveName, pureFtpdOption, vsftpdOptionKind } from '../../src/server-config/known-directives.js'

/**
 * Defaults the catalog's advice may show differently from the facts table, each with why (none
 * today: the table holds what the server's code does, and the advice follows it).
 */
const KNOWN_DISAGREEMENTS: Record<string, string> = {}

/** A default's number in the fact's unit: `15 minutes` → 15, `300` → 300; text defaults as they are. */
const normal = (value: string) => value.replace(/\s+(seconds?|minutes?)$/, '')

describe('server setting facts (src/catalog/server-settings.json)', () => {
  const facts = serverSettingFacts()

  it('name directives each server reads, and Pure-FTPd flags its options table knows', () => {
    for (const f of facts) {
      const known =
        f.server === 'vsftpd' ? vsftpdOptionKind(f.directive) !== undefined : f.server === 'proftpd' ? proftpdDirectiveName(f.directive) === f.directive : pureFtpdOption(f.directive)?.name === f.directive
      expect(known, `${f.server} ${f.directive}`).toBe(true)
      if (f.server === 'pure-ftpd') {
        const o = pureFtpdOption(f.directive)!
        expect(f.flags, f.directive).toEqual([`-${o.short}`, `--${o.long}`])
      }
    }
  })

  it('cover the directives of the capacity, timeout and passive-mode advice of vsftpd, ProFTPD and Pure-FTPd', () => {
    for (const [server, directive] of [
      ['vsftpd', 'idle_session_timeout'],
      ['vsftpd', 'max_per_ip'],
      ['vsftpd', 'pasv_address'],
      ['proftpd', 'TimeoutIdle'],
      ['proftpd', 'MaxClientsPerHost'],
      ['proftpd', 'masqueradeaddress'],
      ['pure-ftpd', 'MaxClientsPerIP'],
      ['pure-ftpd', 'MaxIdleTime'],
    ] as const) {
      expect(serverSettingFact(server, directive), `${server} ${directive}`).toBeDefined()
    }
    expect(serverSettingFact('vsftpd', 'MAX_PER_IP')).toBeUndefined()
  })

  it("agree with every default the catalog's advice shows (each default written once, checked here)", () => {
    const catalog = createCatalog()
    const disagreements = new Set<string>()
    let compared = 0
    for (const entry of [...catalog.entries, ...catalog.rules.map((r) => ({ ...r, server: r.when.servers?.[0] }))]) {
      for (const d of entry.directives) {
        const fact = entry.server ? serverSettingFact(entry.server, d.name) : undefined
        if (!fact || d.default === undefined) continue
        compared++
        if (fact.default === null || normal(d.default) !== normal(fact.default)) disagreements.add(`${fact.server} ${fact.directive}`)
      }
    }
    expect(compared).toBeGreaterThan(40)
    expect([...disagreements].sort()).toEqual(Object.keys(KNOWN_DISAGREEMENTS).sort())
  })

  it("name the directive in each check's fix, and check only numbers", () => {
    for (const f of facts.filter((x) => x.lint)) {
      expect(f.lint!.fix, f.directive).toContain(f.directive)
      expect(['seconds', 'minutes', 'count'], f.directive).toContain(f.unit)
      if (f.lint!.errorBelow !== undefined && f.lint!.warningBelow !== undefined) expect(f.lint!.errorBelow).toBeLessThan(f.lint!.warningBelow)
      // A server's own default never fails its check.
      const n = Number(normal(f.default ?? ''))
      if (Number.isFinite(n) && f.default !== null) expect(n, f.directive).toBeGreaterThanOrEqual(f.lint!.warningBelow ?? f.lint!.errorBelow ?? 0)
    }
  })
})
