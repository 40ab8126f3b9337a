export type ElectronBinary =
  | { present: true; version: string; executable: string }
  | { present: false; version?: string; reason: string };

export function electronPackageDir(fromDir?: string): string | null;
export function findElectronBinary(packageDir?: string | null): ElectronBinary;
