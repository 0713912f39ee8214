import { defineConfig } from 'vitest/config'

// The real-server lab (test/servers): starts vsftpd, ProFTPD, Pure-FTPd and pyftpdlib on
// 127.0.0.1 one after the other, drives real clients against them and checks their logs.
// Needs root and scripts/lab/setup.sh (the test runs it if needed). Run with
// `npm run test:servers`; FTPLOG_RECORD=1 also refreshes fixtures/real/.
export default defineConfig({
  test: {
    include: ['test/servers/**/*.test.ts'],
    // one file, servers one at a time: ports and the lab user's home are shared
    fileParallelism: false,
    sequence: { concurrent: false },
    testTimeout: 600_000,
    hookTimeout: 600_000,
    pool: 'forks',
    reporters: ['default'],
  },
})
