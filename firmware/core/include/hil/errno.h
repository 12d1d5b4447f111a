/*
 * Zephyr's errno values (docs/protocol.md section 6), under our own names so every build
 * (host, sim, QEMU core, Zephyr) reports the same numbers whatever its libc uses.
 * Functions return 0 or the negated value, e.g. -HIL_EINVAL.
 */
#ifndef HIL_ERRNO_H
#define HIL_ERRNO_H

#define HIL_ENOENT        2
#define HIL_EIO           5
#define HIL_ENOEXEC       8
#define HIL_EAGAIN        11
#define HIL_ENOMEM        12
#define HIL_EFAULT        14
#define HIL_EBUSY         16
#define HIL_EEXIST        17
#define HIL_EINVAL        22
#define HIL_ENOSPC        28
#define HIL_ENODATA       61  /* llext_load: an import no loaded extension exports */
#define HIL_EBADMSG       77
#define HIL_ENOSYS        88
#define HIL_ENAMETOOLONG  91
#define HIL_ETIMEDOUT     116
#define HIL_ENOTSUP       134
#define HIL_EILSEQ        138 /* a request whose checksum does not match: refused, not run */
#define HIL_ECANCELED     140 /* upload data mode ended by the host's abort sequence */

#endif /* HIL_ERRNO_H */
