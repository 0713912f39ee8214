import { serverSettingFact, serverSettingFacts, type ServerSettingFact } from '../catalog/server-settings.js'
import type { Cause } from '../model/cause.js'
import type { SettingSource } from '../model/server-settings.js'
import type { Severity } from '../model/severity.js'
import { effectiveSetting, scopedSettings } from './configured-lookup.js'
import type { ConfigServer, ConfigSetting, ServerConfig } from './server-config.js'
import { isVsftpdOn, portRange, settingNumber } from './setting-values.js'

/**
 * One thing `ftplog check-config` found: the `directive` and its `value` as written with its
 * `source` (`null` for both when the finding is about a setting left unset, whose default applies),
 * how bad it is, the reply `code` clients get from it and the incident `cause` ftplog's analysis
 * would give it (`null` when it leads to no reply, or to no incident, such as a 530), what happens
 * (`message`) and what to set (`fix`). `rule` names the check: `threshold`, `passive-range`,
 * `passive-address`, `passive-disabled`, `login-delay`, `inetd-mode`, `syslog-logging`, or `line` for a line the server would not
 * read (unknown directive, bad value). `config` is the path of the configuration checked.
 */
export interface ConfigFinding {
  readonly config: string
  readonly server: ConfigServer
  readonly rule: 'threshold' | 'passive-range' | 'passive-address' | 'passive-disabled' | 'login-delay' | 'inetd-mode' | 'syslog-logging' | 'line'
  readonly directive: string | null
  readonly value: string | null
  readonly source: SettingSource | null
  readonly severity: Severity
  readonly code: number | null
  readonly cause: Cause | null
  readonly message: string
  readonly fix: string
}

/**
 * Lints one server configuration for the settings behind 421/425/426/530 replies, from the facts
 * of src/catalog/server-settings.json: each timeout or limit below its `errorBelow`/`warningBelow`
 * (ProFTPD: the server-wide value and each `<VirtualHost>`/`<Anonymous>` one), then the checks
 * that weigh settings against each other (passive ports against the session limit, a passive
 * range without a NAT address, passive mode off, vsftpd's failed-login delay against its idle
 * timeout), and every line the server would not read. Findings come in file order (the files
 * as read, then line), those about settings left unset last.
 */
export function checkServerConfig(config: ServerConfig): ConfigFinding[] {
  const findings: ConfigFinding[] = []
  for (const fact of serverSettingFacts()) {
    if (fact.server !== config.server || fact.lint === undefined) continue
    const effective = effectiveSetting(config, fact.directive)
    for (const setting of [...(effective ? [effective] : []), ...scopedSettings(config, fact.directive)]) {
      const finding = thresholdFinding(config, fact, setting)
      if (finding) findings.push(finding)
    }
  }
  findings.push(...passiveFindings(config), ...loginDelayFindings(config), ...inetdModeFindings(config), ...syslogFindings(config))
  for (const p of config.problems) {
    findings.push({
      config: config.path,
      server: config.server,
      rule: 'line',
      directive: null,
      value: null,
      source: p.source,
      severity: 'warning',
      code: null,
      cause: null,
      message: p.message,
      fix: `correct or remove it: ${config.server} may refuse to start, or ignore the line`,
    })
  }
  return sortFindings(config, findings)
}

/** Findings in file order (files as read, then line); those about unset settings last, in check order. */
function sortFindings(config: ServerConfig, findings: ConfigFinding[]): ConfigFinding[] {
  const fileIndex = (f: ConfigFinding) => (f.source === null ? Infinity : config.files.indexOf(f.source.file))
  return findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => fileIndex(a.f) - fileIndex(b.f) || (a.f.source?.line ?? 0) - (b.f.source?.line ?? 0) || a.i - b.i)
    .map((x) => x.f)
}

function thresholdFinding(config: ServerConfig, fact: ServerSettingFact, setting: ConfigSetting): ConfigFinding | undefined {
  const server = config.server
  const lint = fact.lint!
  const n = settingNumber(server, fact.unit, setting.args)
  if (n === undefined || n === Infinity || (n === 0 && lint.zeroMeans !== undefined)) return undefined
  const severity: Severity | undefined = lint.errorBelow !== undefined && n < lint.errorBelow ? 'error' : lint.warningBelow !== undefined && n < lint.warningBelow ? 'warning' : undefined
  if (severity === undefined) return undefined
  const limit = severity === 'error' ? lint.errorBelow! : lint.warningBelow!
  return {
    ...about(config, fact, setting),
    rule: 'threshold',
    severity,
    message: `${fact.directive} ${setting.value} is below ${limit}${fact.unit === 'seconds' || fact.unit === 'minutes' ? ` ${fact.unit}` : ''}: ${lint.effect}`,
    fix: lint.fix,
  }
}

function about(config: ServerConfig, fact: ServerSettingFact, setting: ConfigSetting | undefined) {
  return {
    config: config.path,
    server: config.server,
    directive: setting?.directive ?? fact.directive,
    value: setting?.value ?? null,
    source: setting ? { ...setting.source } : null,
    code: fact.codes[0] ?? null,
    cause: fact.causes[0] ?? null,
  }
}

/** The directives of the passive checks, per server: range, NAT address, session limit. */
const PASSIVE = {
  vsftpd: { range: 'pasv_min_port', address: 'pasv_address', limit: 'max_clients' },
  proftpd: { range: 'PassivePorts', address: 'MasqueradeAddress', limit: 'MaxClients' },
  'pure-ftpd': { range: 'PassivePortRange', address: 'ForcePassiveIP', limit: 'MaxClientsNumber' },
} as const

function passiveFindings(config: ServerConfig): ConfigFinding[] {
  const server = config.server
  const names = PASSIVE[server]
  const fact = (d: string) => serverSettingFact(server, d)!
  const out: ConfigFinding[] = []
  const enable = server === 'vsftpd' ? effectiveSetting(config, 'pasv_enable') : undefined
  if (enable && /^(NO|FALSE|0)$/i.test(enable.value)) {
    out.push({
      ...about(config, fact('pasv_enable'), enable),
      rule: 'passive-disabled',
      severity: 'warning',
      message: 'passive mode is off: clients that use PASV/EPSV (most do, first) get an error reply and must fall back to active mode, which NAT and firewalls on the client side usually block',
      fix: 'pasv_enable=YES with a pasv_min_port-pasv_max_port range open in the firewall',
    })
    return out
  }
  const { setting: rangeSetting, range } = passiveRange(config)
  if (rangeSetting === undefined || range === undefined) return out
  const size = range[1] - range[0] + 1
  const limitSetting = effectiveSetting(config, names.limit)
  const limitFact = fact(names.limit)
  const limit = limitSetting ? settingNumber(server, 'count', limitSetting.args) : limitFact.default !== null ? settingNumber(server, 'count', [limitFact.default]) : undefined
  const limitText = `${names.limit} ${limitSetting?.value ?? `${limitFact.default} (default)`}`
  if (server === 'pure-ftpd' && limit !== undefined && limit > Math.floor(size / 2)) {
    out.push({
      ...about(config, fact(names.range), rangeSetting),
      rule: 'passive-range',
      severity: 'warning',
      code: 421,
      cause: 'capacity',
      message: `the passive range has ${size} ports, so Pure-FTPd lowers ${limitText} to ${Math.floor(size / 2)} sessions (half the range) and refuses more with 421`,
      fix: `widen PassivePortRange to at least ${2 * limit} ports, or set MaxClientsNumber to ${Math.floor(size / 2)} knowingly`,
    })
  } else if (server !== 'pure-ftpd' && limit !== undefined && limit !== 0 && Number.isFinite(limit) && size < limit) {
    out.push({
      ...about(config, fact(names.range), rangeSetting),
      rule: 'passive-range',
      severity: 'warning',
      message: `the passive range has ${size} ports but ${limitText} allows more sessions: when more sessions than ports open data connections at once, the others fail with 425`,
      fix: `widen the passive range to at least ${limit} ports (and open them in the firewall), or lower ${names.limit}`,
    })
  }
  if (effectiveSetting(config, names.address) === undefined) {
    out.push({
      ...about(config, fact(names.address), undefined),
      rule: 'passive-address',
      severity: 'notice',
      message: `a passive port range is set but ${names.address} is not: behind NAT, the server advertises its private address in the 227 reply and clients' data connections fail with 425 or time out`,
      fix: `if clients reach the server through NAT, set ${names.address} to its public address`,
    })
  }
  return out
}

/** The passive range setting and the ports it allows (vsftpd: from pasv_min_port and pasv_max_port as privops.c applies them). */
function passiveRange(config: ServerConfig): { setting: ConfigSetting | undefined; range: readonly [number, number] | undefined } {
  if (config.server !== 'vsftpd') {
    const setting = effectiveSetting(config, PASSIVE[config.server].range)
    return { setting, range: setting ? portRange(setting.args) : undefined }
  }
  const min = effectiveSetting(config, 'pasv_min_port')
  const max = effectiveSetting(config, 'pasv_max_port')
  if (!min && !max) return { setting: undefined, range: undefined }
  const minValue = min ? (settingNumber('vsftpd', 'port', min.args) ?? 5001) : 5001
  const maxValue = max ? (settingNumber('vsftpd', 'port', max.args) ?? 0) : 0
  const low = minValue > 1024 && minValue <= 65535 ? minValue : 1024
  const high = maxValue >= low && maxValue < 65535 ? maxValue : 65535
  return { setting: min ?? max, range: [low, high] }
}

/**
 * vsftpd applies max_clients and max_per_ip only in standalone mode (listen=YES or
 * listen_ipv6=YES; vsftpd.conf(5)): started by inetd or a systemd socket, limits set in the file
 * do nothing and the launcher's own limits refuse the sessions.
 */
function inetdModeFindings(config: ServerConfig): ConfigFinding[] {
  if (config.server !== 'vsftpd') return []
  const on = (d: 'listen' | 'listen_ipv6') => isVsftpdOn(effectiveSetting(config, d)?.value ?? serverSettingFact('vsftpd', d)!.default!)
  if (on('listen') || on('listen_ipv6')) return []
  return (['max_clients', 'max_per_ip'] as const).flatMap((d) => {
    const setting = effectiveSetting(config, d)
    if (!setting) return []
    return [
      {
        ...about(config, serverSettingFact('vsftpd', d)!, setting),
        rule: 'inetd-mode' as const,
        severity: 'notice' as const,
        message: `${d} applies only in standalone mode, and listen and listen_ipv6 are both off: started by inetd or a systemd socket, vsftpd ignores it and the launcher's own limits refuse sessions`,
        fix: `set listen=YES (or listen_ipv6=YES) to run standalone, or set the limit in the inetd or systemd socket configuration`,
      },
    ]
  })
}

/**
 * vsftpd logging to syslog (`syslog_enable=YES`) writes nothing from before a login, so the 421
 * refusals of its session limits never reach the log ftplog reads (a notice; the fact and its
 * source are in src/catalog/server-settings.json). `analyze` repeats it as a report notice for
 * the configurations it reads: the report cannot show those refusals.
 * @returns the `syslog-logging` finding, or none.
 */
export function syslogFindings(config: ServerConfig): ConfigFinding[] {
  if (config.server !== 'vsftpd') return []
  const setting = effectiveSetting(config, 'syslog_enable')
  if (setting === undefined || !isVsftpdOn(setting.value)) return []
  return [
    {
      ...about(config, serverSettingFact('vsftpd', 'syslog_enable')!, setting),
      rule: 'syslog-logging',
      severity: 'notice',
      code: 421,
      cause: 'capacity',
      message:
        'vsftpd logs to syslog, where nothing from before a login arrives: no CONNECT lines, and no 421 refusal of max_clients or max_per_ip, so a log analysis cannot see sessions refused at the limit',
      fix: 'set syslog_enable=NO and keep vsftpd_log_file with log_ftp_protocol=YES (dual_log_enable=YES for an xferlog too)',
    },
  ]
}

/** vsftpd keeps its idle alarm running through a failed login: PAM's ~2 s delay plus delay_failed_login must fit inside idle_session_timeout. */
function loginDelayFindings(config: ServerConfig): ConfigFinding[] {
  if (config.server !== 'vsftpd') return []
  const delay = effectiveSetting(config, 'delay_failed_login')
  const idle = effectiveSetting(config, 'idle_session_timeout')
  const delayFact = serverSettingFact('vsftpd', 'delay_failed_login')!
  const idleFact = serverSettingFact('vsftpd', 'idle_session_timeout')!
  const d = settingNumber('vsftpd', 'seconds', delay?.args ?? [delayFact.default!]) ?? 0
  const i = settingNumber('vsftpd', 'seconds', idle?.args ?? [idleFact.default!]) ?? 0
  if (i === 0 || d + 2 < i) return []
  return [
    {
      ...about(config, idleFact, idle ?? delay),
      directive: idle ? 'idle_session_timeout' : 'delay_failed_login',
      rule: 'login-delay',
      severity: 'error',
      cause: 'login-timeout',
      message: `a failed login takes delay_failed_login (${d} s) plus PAM's delay (about 2 s), which reaches idle_session_timeout (${i} s): the client gets '421 Timeout.' instead of '530 Login incorrect.'`,
      fix: `keep delay_failed_login + 2 below idle_session_timeout (raise idle_session_timeout to ${Math.max(300, d + 10)})`,
    },
  ]
}

/**
 * The result of `ftplog check-config`, as its formatters render it: each configuration read
 * (path, server, the files it spans, how many settings), the paths that could not be read, every
 * finding in input order, and the verdict the command decided (`exitCode` 0 clean, 1 a finding
 * at or above `failOn`, 2 an input that could not be read).
 */
export interface ConfigCheckReport {
  readonly configs: readonly { readonly path: string; readonly server: ConfigServer; readonly files: readonly string[]; readonly settings: number }[]
  readonly unreadable: readonly { readonly path: string; readonly message: string }[]
  readonly findings: readonly ConfigFinding[]
  readonly verdict: { readonly exitCode: 0 | 1 | 2; readonly failOn: string; readonly failing: number }
}
