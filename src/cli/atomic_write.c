/*
 * Temp-file-and-rename output, and mkdir -p. The temporary file lives in the
 * same directory as the final one so that rename(2) is atomic.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "atomic_write.h"

cc_status cc_atomic_open(cc_atomic_file *file, const char *path, cc_error *err)
{
    int fd;

    memset(file, 0, sizeof(*file));
    if (strlen(path) + 16 >= sizeof(file->temp_path))
        return cc_error_setf(err, CC_EIO, "output path '%s' is too long", path);
    snprintf(file->final_path, sizeof(file->final_path), "%s", path);
    snprintf(file->temp_path, sizeof(file->temp_path), "%s.tmp.XXXXXX", path);
    fd = mkstemp(file->temp_path);
    if (fd < 0)
        return cc_error_setf(err, CC_EIO, "cannot create '%s': %s", path, strerror(errno));
    {
        /* mkstemp creates 0600; results are ordinary files, so honour the umask. */
        mode_t mask = umask(0);
        umask(mask);
        if (fchmod(fd, 0666 & ~mask) != 0) {
            int e = errno;
            close(fd);
            unlink(file->temp_path);
            return cc_error_setf(err, CC_EIO, "cannot set the mode of '%s': %s", path,
                                 strerror(e));
        }
    }
    file->fp = fdopen(fd, "w");
    if (!file->fp) {
        int e = errno;
        close(fd);
        unlink(file->temp_path);
        return cc_error_setf(err, CC_EIO, "cannot open '%s': %s", path, strerror(e));
    }
    return CC_OK;
}

cc_status cc_atomic_commit(cc_atomic_file *file, cc_error *err)
{
    int failed = 0, e = 0;

    if (!file->fp)
        return cc_error_setf(err, CC_EIO, "'%s' is not open", file->final_path);
    if (fflush(file->fp) != 0 || ferror(file->fp) || fsync(fileno(file->fp)) != 0) {
        failed = 1;
        e = errno;
    }
    if (fclose(file->fp) != 0 && !failed) {
        failed = 1;
        e = errno;
    }
    file->fp = NULL;
    if (!failed && rename(file->temp_path, file->final_path) != 0) {
        failed = 1;
        e = errno;
    }
    if (failed) {
        unlink(file->temp_path);
        return cc_error_setf(err, CC_EIO, "cannot write '%s': %s", file->final_path,
                             strerror(e ? e : EIO));
    }
    return CC_OK;
}

void cc_atomic_abort(cc_atomic_file *file)
{
    if (file->fp) {
        fclose(file->fp);
        file->fp = NULL;
        unlink(file->temp_path);
    }
}

cc_status cc_mkdir_p(const char *path, cc_error *err)
{
    char buf[4096];
    size_t n = strlen(path), i;

    if (n == 0 || n >= sizeof(buf))
        return cc_error_setf(err, CC_EIO, "invalid directory '%s'", path);
    memcpy(buf, path, n + 1);
    for (i = 1; i <= n; i++) {
        if (buf[i] == '/' || buf[i] == '\0') {
            char saved = buf[i];
            struct stat st;
            buf[i] = '\0';
            if (mkdir(buf, 0777) != 0 && errno != EEXIST)
                return cc_error_setf(err, CC_EIO, "cannot create directory '%s': %s", buf,
                                     strerror(errno));
            if (stat(buf, &st) != 0 || !S_ISDIR(st.st_mode))
                return cc_error_setf(err, CC_EIO, "'%s' exists and is not a directory", buf);
            buf[i] = saved;
        }
    }
    return CC_OK;
}
