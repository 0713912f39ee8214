import { describe, expect, it } from 'vitest'
import { finishBlock, MAX_REPLY_LINES, ReplyAssembler, singleReply, type Reply, type ReplyBlock } from '../../src/analyze/reply-assembler.js'
import { replyLine } from '../helpers/log-record.js'

/** Feeds lines as a tracker would (keeping the open block) and collects the replies they complete. */
function assemble(lines: ReturnType<typeof replyLine>[]): { replies: Reply[]; open: ReplyBlock | undefined } {
  const a = new ReplyAssembler()
  let open: ReplyBlock | undefined
  const replies: Reply[] = []
  for (const r of lines) {
    a.line(open, r, `raw ${r.line}`)
    open = a.open
    if (a.first) replies.push(a.first)
    if (a.second) replies.push(a.second)
  }
  return { replies, open }
}

describe('ReplyAssembler (RFC 959 §4.2 multi-line replies)', () => {
  it('passes a single-line reply through with its bytes and raw line', () => {
    const { replies, open } = assemble([replyLine(3, 226, ' ', 'Transfer complete', { bytes: 42, time: 1000 })])
    expect(open).toBeUndefined()
    expect(replies).toEqual([{ code: 226, text: 'Transfer complete', line: 3, time: 1000, raw: 'raw 3', clientSide: false, bytes: 42 }])
  })

  it('joins NNN- … NNN lines into one reply at its first line, text lines and other codes inside included', () => {
    const { replies, open } = assemble([
      replyLine(1, 211, '-', 'Features:'),
      replyLine(2, undefined, undefined, ' EPRT'),
      replyLine(3, 421, '-', 'dash line of another code'),
      replyLine(4, 211, ' ', 'End'),
    ])
    expect(open).toBeUndefined()
    expect(replies).toHaveLength(1)
    expect(replies[0]).toMatchObject({ code: 211, text: 'Features:\n EPRT\n421-dash line of another code\nEnd', line: 1, raw: 'raw 1', bytes: undefined })
  })

  it('keeps the block open until its closing line', () => {
    const { replies, open } = assemble([replyLine(1, 220, '-', 'Welcome'), replyLine(2, undefined, undefined, 'to the server')])
    expect(replies).toEqual([])
    expect(open?.lines).toEqual(['Welcome', 'to the server'])
    expect(finishBlock(open!)).toMatchObject({ code: 220, text: 'Welcome\nto the server', line: 1 })
  })

  it('ends the block at an unpadded line of another code, which is a reply of its own', () => {
    const { replies } = assemble([replyLine(1, 220, '-', 'Banner'), replyLine(2, 421, ' ', '5 users (the maximum) are already logged in, sorry')])
    expect(replies.map((r) => [r.code, r.text, r.line])).toEqual([
      [220, 'Banner', 1],
      [421, '5 users (the maximum) are already logged in, sorry', 2],
    ])
  })

  it('keeps a client-printed line of another code inside the block as text', () => {
    const { replies, open } = assemble([replyLine(1, 220, '-', 'Banner'), replyLine(2, 421, ' ', 'Service not available', { clientSide: true })])
    expect(replies).toEqual([])
    expect(open?.lines).toEqual(['Banner', '421 Service not available'])
  })

  it('drops a continuation line with no open block', () => {
    expect(assemble([replyLine(1, undefined, undefined, 'stray')])).toEqual({ replies: [], open: undefined })
  })

  it('closes a block without an end line by force after MAX_REPLY_LINES', () => {
    const lines = [replyLine(1, 250, '-', 'start')]
    for (let i = 0; i < MAX_REPLY_LINES + 5; i++) lines.push(replyLine(i + 2, undefined, undefined, 'x'))
    const { replies } = assemble(lines)
    expect(replies).toHaveLength(1)
    expect(replies[0]!.text.split('\n')).toHaveLength(MAX_REPLY_LINES + 1)
  })

  it('closes a block by force when its text passes 64 KiB', () => {
    const big = 'y'.repeat(20_000)
    const { replies, open } = assemble([replyLine(1, 250, '-', 'start'), replyLine(2, undefined, undefined, big), replyLine(3, undefined, undefined, big), replyLine(4, undefined, undefined, big), replyLine(5, undefined, undefined, big)])
    expect(replies).toHaveLength(1)
    expect(replies[0]!.text.length).toBeGreaterThan(64 * 1024)
    expect(open).toBeUndefined()
  })

  it('builds the reply of an exchange record from its code and text', () => {
    expect(singleReply(replyLine(9, 550, ' ', 'No such file', { clientSide: true }), 'r')).toEqual({ code: 550, text: 'No such file', line: 9, time: undefined, raw: 'r', clientSide: true, bytes: undefined })
  })
})
