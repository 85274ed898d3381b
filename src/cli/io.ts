import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, resolve } from 'node:path';

/** A directory entry, as {@link CliIo.listDir} gives it. */
export interface DirEntry {
  readonly name: string;
  readonly dir: boolean;
}

/** Everything a CLI command may touch: injected so commands are testable without a process. */
export interface CliIo {
  /** Write to standard output (no newline added). */
  stdout(text: string): void;
  /** Write to standard error (no newline added). */
  stderr(text: string): void;
  /** The text of a file, or `undefined` when it cannot be read (missing, a directory, unreadable). */
  readFile(path: string): string | undefined;
  /** Write a file atomically (temporary file, then rename): never half-written. */
  writeFile(path: string, text: string): void;
  /**
   * The entries of a directory (names, and whether each is a directory), or `undefined` when it is
   * no readable directory.
   */
  listDir(path: string): readonly DirEntry[] | undefined;
  /** Absolute path of a path relative to the working directory. */
  resolvePath(path: string): string;
  /** True when stdout is a terminal (colour, progress). */
  readonly isTTY: boolean;
  /** The canonical absolute path (symbolic links followed; `resolvePath` when it does not exist). Optional. */
  realPath?(path: string): string;
  /** Imports and case files' models are read only inside this folder (`--root`; default the current directory). */
  readonly root?: string;
  /** `--allow-outside-root`: read imports and case models wherever they point. */
  readonly allowOutsideRoot?: boolean;
}

/** The real process I/O. */
export function processIo(): CliIo {
  return {
    stdout: (t) => void process.stdout.write(t),
    stderr: (t) => void process.stderr.write(t),
    readFile(path) {
      try {
        if (!existsSync(path) || !statSync(path).isFile()) return undefined;
        return readFileSync(path, 'utf8');
      } catch {
        return undefined;
      }
    },
    writeFile(path, text) {
      mkdirSync(dirname(resolve(path)), { recursive: true });
      const tmp = `${path}.tmp-${process.pid}`;
      writeFileSync(tmp, text, 'utf8');
      renameSync(tmp, path);
    },
    listDir(path) {
      try {
        if (!statSync(path).isDirectory()) return undefined;
        return readdirSync(path, { withFileTypes: true }).map((d) => ({ name: d.name, dir: d.isDirectory() }));
      } catch {
        return undefined;
      }
    },
    resolvePath: (p) => resolve(p),
    realPath(p) {
      try {
        return realpathSync(p);
      } catch {
        return resolve(p);
      }
    },
    isTTY: Boolean(process.stdout.isTTY),
  };
}

/** An in-memory I/O for tests: files from a record, output captured. */
export function memoryIo(
  files: Record<string, string> = {},
): CliIo & { out: string; err: string; files: Record<string, string> } {
  const io = {
    out: '',
    err: '',
    files: { ...files },
    stdout(t: string) {
      io.out += t;
    },
    stderr(t: string) {
      io.err += t;
    },
    readFile: (p: string) => io.files[p],
    /** Directories are implied by the file names: `a/b.flint` makes `a` a directory. */
    listDir(p: string): readonly DirEntry[] | undefined {
      const prefix = p.endsWith('/') ? p : `${p}/`;
      const entries = new Map<string, boolean>();
      for (const f of Object.keys(io.files)) {
        if (!f.startsWith(prefix)) continue;
        const [head, ...rest] = f.slice(prefix.length).split('/');
        if (head) entries.set(head, (entries.get(head) ?? false) || rest.length > 0);
      }
      return entries.size === 0 ? undefined : [...entries].map(([name, dir]) => ({ name, dir }));
    },
    writeFile(p: string, t: string) {
      io.files[p] = t;
    },
    resolvePath: (p: string) => p,
    isTTY: false,
  };
  return io;
}
