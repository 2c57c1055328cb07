// `npm run dev`: the API server (restarted on change by tsx watch) behind Vite's dev server.
import { spawn } from 'node:child_process';
import { createServer } from 'vite';
import { projectRoot } from '../db/config.ts';

const apiPort = process.env.API_PORT ?? '3001';
const api = spawn(process.execPath, ['--import', 'tsx', '--watch', 'server/main.ts'], {
  cwd: projectRoot,
  stdio: 'inherit',
  env: { ...process.env, PORT: apiPort },
});

const vite = await createServer({ configFile: `${projectRoot}/vite.config.ts`, server: { port: Number(process.env.PORT ?? 5173) } });
await vite.listen();
vite.printUrls();

const stop = async () => {
  api.kill('SIGTERM');
  await vite.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
