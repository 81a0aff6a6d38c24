/** A file-system error in words, with its code: "permission denied (EACCES)". */
export function describeFsError(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  const why: Record<string, string> = {
    EEXIST: "a file with that name is in the way",
    ENOTDIR: "part of the path is a file, not a folder",
    EACCES: "permission denied",
    EPERM: "operation not permitted",
    EROFS: "read-only file system",
    ENOSPC: "no space left on device",
    EDQUOT: "disk quota exceeded",
    ENAMETOOLONG: "name too long",
    ENOENT: "no such file or folder",
    ELOOP: "too many levels of symbolic links",
    ENXIO: "no reader or device behind it",
  };
  const text = err.code ? why[err.code] : undefined;
  return text ? `${text} (${err.code})` : (err.message ?? String(e));
}
