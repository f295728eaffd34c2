import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, extname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { env } from './stack';

const run = promisify(execFile);

export interface ConvertedPdf {
  source: string;
  path: string;
  bytes: Buffer;
  /** Page objects in the PDF (LibreOffice writes them uncompressed). */
  pages: number;
  /** The document title LibreOffice carried over from the file's properties, if any. */
  title: string | null;
}

/** "<FEFF0042…>" (UTF-16BE hex string of a PDF) or "(…)" (a literal string) → text. */
function pdfTitle(pdf: string): string | null {
  const hex = /\/Title\s*<FEFF([0-9A-Fa-f]*)>/.exec(pdf);
  if (hex) return Buffer.from(hex[1], 'hex').swap16().toString('utf16le');
  const literal = /\/Title\s*\(([^)]*)\)/.exec(pdf);
  return literal ? literal[1] : null;
}

/**
 * Opens each file in real LibreOffice (`SOFFICE_BIN`, provided by `npm test`) and converts it to
 * PDF, all in one headless run. The profile is private to the call, so runs in parallel do not
 * share (and lock) one user installation. Source files need distinct base names: the PDFs land in
 * one folder by name.
 */
export async function convertToPdf(files: string[], outDir: string): Promise<ConvertedPdf[]> {
  const profile = await mkdtemp(join(tmpdir(), 'lo-profile-'));
  try {
    await run(
      env('SOFFICE_BIN'),
      [`-env:UserInstallation=${pathToFileURL(profile).href}`, '--headless', '--norestore', '--nolockcheck', '--convert-to', 'pdf', '--outdir', outDir, ...files],
      { timeout: 170_000, maxBuffer: 10 * 1024 * 1024 },
    );
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
  return Promise.all(
    files.map(async (source) => {
      const path = join(outDir, `${basename(source, extname(source))}.pdf`);
      const bytes = await readFile(path);
      const text = bytes.toString('latin1');
      return { source, path, bytes, pages: (text.match(/\/Type\s*\/Page[^s]/g) ?? []).length, title: pdfTitle(text) };
    }),
  );
}
