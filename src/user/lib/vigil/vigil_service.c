/*
 * Vigil library: loading one service from its files (spec/vigil.md VIG-050).
 *
 * Files are parsed in a fixed order (run, policy, mode, user, after); the
 * first failure empties the result and names the service and the file.
 */
#include <string.h>

#include <aegis/errno.h>

#include "vigil/vigil_msg.h"
#include "vigil/vigil_service.h"
#include "vigil/vigil_words.h"

#define SERVICE_SHOWN_MAX 40

static int service_fail(vigil_service_t *out, int err)
{
	memset(out, 0, sizeof(*out));
	return err;
}

static int service_files(const vigil_service_files_t *f, vigil_service_t *out, char *msg,
			 const char **file)
{
	int r;

	*file = "run";
	if (!f->run.present) {
		vigil_msg_set(msg, "missing run file");
		return -ENOENT;
	}
	r = vigil_run_parse(f->run.data, f->run.len, &out->run, msg);
	if (r != 0)
		return r;
	*file = "policy";
	if (f->policy.present && (r = vigil_policy_parse(f->policy.data, f->policy.len, &out->policy, msg)) != 0)
		return r;
	*file = "mode";
	if (f->mode.present && (r = vigil_mode_parse(f->mode.data, f->mode.len, &out->mode, msg)) != 0)
		return r;
	*file = "user";
	if (f->user.present && (r = vigil_user_parse(f->user.data, f->user.len, out->user, msg)) != 0)
		return r;
	*file = "after";
	if (f->after.present && (r = vigil_after_parse(f->after.data, f->after.len, &out->after, msg)) != 0)
		return r;
	return 0;
}

int vigil_service_load(const char *name, size_t name_len, const vigil_service_files_t *files,
		       vigil_service_t *out, char *msg)
{
	const char *file = "run";
	int r;

	memset(out, 0, sizeof(*out));
	if (!vigil_name_valid(name, name_len)) {
		size_t shown = name == NULL ? 0 : (name_len < SERVICE_SHOWN_MAX ? name_len : SERVICE_SHOWN_MAX);
		vigil_msg_set(msg, "'%.*s' is not a valid service name", (int)shown, name == NULL ? "" : name);
		return -EINVAL;
	}
	memcpy(out->name, name, name_len);
	out->name[name_len] = '\0';
	vigil_policy_default(&out->policy);
	out->mode = VIGIL_MODE_BOTH;
	memcpy(out->user, "root", sizeof("root"));
	r = service_files(files, out, msg, &file);
	if (r != 0) {
		char shown[VIGIL_NAME_MAX + 1];
		memcpy(shown, out->name, sizeof(shown));
		vigil_msg_prefix(msg, shown, file);
		return service_fail(out, r);
	}
	return 0;
}
