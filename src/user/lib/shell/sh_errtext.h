/* The words the shell prints for an error number ("No such file or directory"). */
#ifndef AEGIS_SH_ERRTEXT_H
#define AEGIS_SH_ERRTEXT_H

/* The text for -errno or errno (either sign); "error N" for one without a text. */
const char *sh_errtext(long err);

#endif
