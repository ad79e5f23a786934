// Runs `npm ci` unless node_modules was installed by this script from this very package-lock.json: after an
// install it records the lock's SHA-256 in node_modules/.hearth-lock.sha256. A fresh clone (CI) always installs.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const marker = 'node_modules/.hearth-lock.sha256';
const lock = createHash('sha256').update(readFileSync('package-lock.json')).digest('hex');
if (existsSync(marker) && readFileSync(marker, 'utf8').trim() === lock) {
  console.log('node_modules matches package-lock.json: npm ci skipped');
} else {
  execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { stdio: 'inherit' });
  writeFileSync(marker, lock + '\n');
}
