import { describe, expect, it } from 'vitest'
import { configuredLookup } from '../../src/server-config/configured-lookup.js'
import { nodeConfigFileSystem } from '../../src/server-config/config-file-system.js'
import { parsePureFtpdConf, parsePureFtpdFlags, readPureFtpdConfFolder, splitCommandLine } from '../../src/server-config/read-pure-ftpd.js'
import { fixture } from '../helpers/paths.js'

const pairs = (c: { settings: readonly { directive: string; value: string }[] }) => c.settings.map((s) => [s.directive, s.value])

describe('Pure-FTPd configuration', () => {
  it('reads pure-ftpd.conf: keys without regard to case, yes/no switches, problems with their line', () => {
    const config = parsePureFtpdConf('# c\nmaxclientsperip 8\nPassivePortRange 30000 30009\nDontResolve maybe\nNoSuchKey 1\nMaxIdleTime\nMaxClientsPerIP 4\n', 'pure-ftpd.conf')
    expect(pairs(config)).toEqual([
      ['MaxClientsPerIP', '8'],
      ['PassivePortRange', '30000 30009'],
      ['MaxClientsPerIP', '4'],
    ])
    expect(config.problems.map((p) => `${p.source.line} ${p.message}`)).toEqual(['4 DontResolve maybe is not yes or no', '5 unknown option "NoSuchKey"', '6 MaxIdleTime has no value'])
    expect(configuredLookup([config])('pure-ftpd', 'MaxClientsPerIP')).toEqual({ value: '4', source: { file: 'pure-ftpd.conf', line: 7 } })
  })

  it("reads Debian's conf folder: one option per file, the file's first value line", async () => {
    const dir = fixture('server-config', 'debian', 'pure-ftpd', 'conf')
    const config = await readPureFtpdConfFolder(dir, nodeConfigFileSystem)
    expect(config.problems).toEqual([])
    expect(pairs(config)).toEqual([
      ['AltLog', 'clf:/var/log/pure-ftpd/transfer.log'],
      ['FSCharset', 'UTF-8'],
      ['MinUID', '1000'],
      ['NoAnonymous', 'yes'],
      ['PAMAuthentication', 'yes'],
      ['PureDB', '/etc/pure-ftpd/pureftpd.pdb'],
      ['TLSCipherSuite', 'HIGH'],
      ['UnixAuthentication', 'no'],
    ])
    expect(config.settings[0]!.source).toEqual({ file: `${dir}/AltLog`, line: 1 })
  })

  it("reads the command line: short, bundled and long options, -l methods, the source is the command", () => {
    const words = splitCommandLine("/usr/sbin/pure-ftpd -S 127.0.0.1,21213 -p 30300:30349 -4EH -c50 --maxclientsperip=2 --maxidletime 1 -l puredb:/etc/p.pdb -l unix -P '203.0.113.5' -Z")
    const config = parsePureFtpdFlags(words, 'ps')
    expect(pairs(config)).toEqual([
      ['Bind', '127.0.0.1,21213'],
      ['PassivePortRange', '30300:30349'],
      ['IPV4Only', 'yes'],
      ['NoAnonymous', 'yes'],
      ['DontResolve', 'yes'],
      ['MaxClientsNumber', '50'],
      ['MaxClientsPerIP', '2'],
      ['MaxIdleTime', '1'],
      ['PureDB', '/etc/p.pdb'],
      ['UnixAuthentication', 'yes'],
      ['ForcePassiveIP', '203.0.113.5'],
      ['CustomerProof', 'yes'],
    ])
    expect(config.settings.find((s) => s.directive === 'PassivePortRange')!.args).toEqual(['30300', '30349'])
    expect(configuredLookup([config])('pure-ftpd', 'MaxClientsPerIP')).toEqual({ value: '2', source: { file: 'ps', line: 0 } })
    expect(parsePureFtpdFlags(['-%', 'x', '-I']).problems.map((p) => p.message)).toEqual(['unknown option -%', 'unexpected word "x"', '-I needs a value'])
  })

  it('splits a command line as a shell would, without expansion', () => {
    expect(splitCommandLine(`a "b c" 'd "e"' f\\ g "h\\"i" $X`)).toEqual(['a', 'b c', 'd "e"', 'f g', 'h"i', '$X'])
  })
})
