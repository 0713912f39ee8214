import { existsSync } from 'node:fs'
import leven from 'leven'

/** Largest edit distance at which a word is taken for a mistyped command. */
const MAX_DISTANCE = 2

/**
 * The command a mistyped first argument was probably meant to be, or `undefined`. `analyze` is
 * the default command, so `ftplog explian 421` would otherwise read `explian` as a log path and
 * fail with "no such file"; a word that names no existing path and is within Levenshtein
 * distance 2 of a command name is taken for a typo instead (nearest name wins; ties go to the
 * first command listed). Options, `-`, words with a path separator and paths that exist are
 * never suggested against.
 */
export function suggestCommand(word: string | undefined, commands: readonly string[]): string | undefined {
  if (word === undefined || word === '' || word.startsWith('-') || /[/\\.]/.test(word)) return undefined
  if (commands.includes(word) || existsSync(word)) return undefined
  let best: string | undefined
  let bestDistance = MAX_DISTANCE + 1
  for (const name of commands) {
    const d = leven(word.toLowerCase(), name)
    if (d < bestDistance) {
      best = name
      bestDistance = d
    }
  }
  return best
}
