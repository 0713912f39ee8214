import { readdirSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { analyzeInputs } from '../src/analyze/analyze-inputs.js'
import { createCatalog } from '../src/catalog/catalog.js'
import { CAUSES } from '../src/model/cause.js'
import { buildReport } from '../src/report/build-report.js'
import { ROOT } from './helpers/paths.js'

// Every fixtures/edge/<case>.<ext> has a <case>.expect.json saying what it must yield; the
// expectations are reviewed by a person, the golden files pin the presentation.
const expectSchema = z
  .object({
    description: z.string().min(1),
    logFormat: z.string().nullable(),
    error: z.string().optional(),
    replies: z.record(z.string(), z.number()).optional(),
    incidents: z.array(
      z
        .object({
          cause: z.enum(CAUSES),
          severity: z.enum(['error', 'warning', 'notice']).optional(),
          code: z.number().nullable().optional(),
          events: z.number().int().positive(),
          lines: z.array(z.number().int().positive()).optional(),
          directives: z.array(z.string()).optional(),
        })
        .strict(),
    ),
    transfers: z.record(z.string(), z.number()).optional(),
    logins: z.record(z.string(), z.number()).optional(),
    sessions: z.record(z.string(), z.number()).optional(),
    exitCode: z.union([z.literal(0), z.literal(1), z.literal(2)]),
  })
  .strict()

const dir = join(ROOT, 'fixtures', 'edge')
const cases = readdirSync(dir)
  .filter((f) => f.endsWith('.expect.json'))
  .map((f) => {
    const base = f.slice(0, -'.expect.json'.length)
    const input = readdirSync(dir).find((g) => g !== f && g.startsWith(`${base}.`) && !g.endsWith('.expect.json'))
    return { name: base, expectFile: join(dir, f), input: input ? join(dir, input) : undefined }
  })

const catalog = createCatalog()

describe('fixtures/edge', () => {
  it('has cases', () => expect(cases.length).toBeGreaterThan(0))

  for (const c of cases) {
    it(`${c.name} yields what its .expect.json says`, async () => {
      expect(c.input, `input file for ${c.name}`).toBeDefined()
      const expected = expectSchema.parse(JSON.parse(await readFile(c.expectFile, 'utf8')))
      const path = relative(ROOT, c.input!)
      const state = await analyzeInputs([c.input!], { catalog, year: 2024 })
      const r = buildReport(state, { catalog, version: 'test' })
      expect(r.inputs[0]!.logFormat).toBe(expected.logFormat)
      expect(r.inputs[0]!.error?.code).toBe(expected.error)
      if (expected.replies) expect(r.totals.replies).toEqual(expected.replies)
      expect(r.incidents.map((i) => i.cause)).toEqual(expected.incidents.map((i) => i.cause))
      expected.incidents.forEach((e, n) => {
        const got = r.incidents[n]!
        expect(got.events, `${e.cause} events`).toBe(e.events)
        if (e.severity) expect(got.severity).toBe(e.severity)
        if (e.code !== undefined) expect(got.code).toBe(e.code)
        if (e.lines) expect(got.samples.map((s) => s.line)).toEqual(e.lines)
        if (e.directives) expect(got.advice.directives.map((d) => d.name)).toEqual(e.directives)
        for (const s of got.samples) expect(relative(ROOT, s.path)).toBe(path)
      })
      if (expected.transfers) expect(r.transfers).toMatchObject(expected.transfers)
      if (expected.logins) expect(r.logins).toMatchObject(expected.logins)
      if (expected.sessions) expect(r.sessions).toMatchObject(expected.sessions)
      expect(r.verdict.exitCode).toBe(expected.exitCode)
    })
  }
})
