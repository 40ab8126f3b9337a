type ElectronBinary =
  { present: true; version: string; executable: string } | { present: false; version?: string; reason: string };

declare function electronPackageDir(fromDir?: string): string | null;
declare function findElectronBinary(packageDir?: string | null): ElectronBinary;
export { electronPackageDir, findElectronBinary, type ElectronBinary };
