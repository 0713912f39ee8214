import { describe, expect, it } from 'vitest'
import { logFormatsMarkdown } from '../../src/cli/commands/formats.js'
import { run } from '../../src/cli/main.js'
import { createLogFormatRegistry } from '../../src/log-formats/registry.js'
import type { LogFormatDefinition } from '../../src/log-formats/schema.js'
import { memoryIO } from '../helpers/memory-io.js'

describe('ftplog formats -f markdown', () => {
  it('lists every log format in a table and a section each, in priority order', async () => {
    const io = memoryIO()
    expect(await run(['formats', '-f', 'markdown'], io)).toBe(0)
    const names = createLogFormatRegistry()
      .list()
      .map((d) => d.name)
    const rows = [...io.out().matchAll(/^\| `([a-z0-9-]+)` \|/gm)].map((m) => m[1])
    const sections = [...io.out().matchAll(/^#### `([a-z0-9-]+)` — /gm)].map((m) => m[1])
    expect(rows).toEqual(names)
    expect(sections).toEqual(names)
    expect(io.out()).toContain('In syslog or the journal as: `vsftpd`')
  })

  it('escapes definition text, so a definition cannot break the page', () => {
    const bundled = createLogFormatRegistry().list()[0]!
    const hostile: LogFormatDefinition = {
      ...bundled,
      title: 'a | b <script>',
      description: 'line one\nline two | `code` [link](x)',
      samples: [{ ...bundled.samples[0]!, line: 'text ``` with a fence\x1b[31m' }],
    }
    const md = logFormatsMarkdown([hostile])
    expect(md).toContain('a \\| b \\<script\\>')
    expect(md).toContain('line one line two \\| \\`code\\` \\[link\\](x)')
    expect(md).toContain('````\ntext ``` with a fence\\x1b[31m\n````')
  })

  it('names the formatters it knows when given another', async () => {
    const io = memoryIO()
    expect(await run(['formats', '-f', 'xml'], io)).toBe(2)
    expect(io.err()).toContain('text, markdown or json')
  })
})
