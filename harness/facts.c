// SPDX-License-Identifier: GPL-2.0
#include "facts.h"
#include "sizes.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

unsigned int glt_parse_release(const char *release)
{
	unsigned int major, minor;

	if (sscanf(release, "%u.%u", &major, &minor) != 2 || major > 255 ||
	    minor > 255)
		return 0;
	return GLT_KV(major, minor);
}

enum glt_config glt_config_lookup(const char *text, const char *name)
{
	char key[96];
	size_t len;
	const char *p;

	len = (size_t)snprintf(key, sizeof(key), "CONFIG_%s", name);
	for (p = text; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL) {
		if (!strncmp(p, key, len) && p[len] == '=') {
			switch (p[len + 1]) {
			case 'y':
				return GLT_CONFIG_Y;
			case 'm':
				return GLT_CONFIG_M;
			default:
				return GLT_CONFIG_N;
			}
		}
		if (!strncmp(p, "# ", 2) && !strncmp(p + 2, key, len) &&
		    !strncmp(p + 2 + len, " is not set", 11))
			return GLT_CONFIG_N;
	}
	return GLT_CONFIG_UNKNOWN;
}

unsigned long glt_mem_pages(const struct glt_mem_facts *seg, unsigned int nseg)
{
	unsigned long total = 0;

	for (unsigned int i = 0; i < nseg; i++)
		total += seg[i].nr_pages;
	return total;
}

const char *glt_config_name(enum glt_config c)
{
	switch (c) {
	case GLT_CONFIG_N:
		return "n";
	case GLT_CONFIG_M:
		return "m";
	case GLT_CONFIG_Y:
		return "y";
	default:
		return "unknown";
	}
}

static char *slurp(FILE *f)
{
	size_t cap = 1 << 16, len = 0, n;
	char *buf = malloc(cap + 1), *tmp;

	if (!buf)
		return NULL;
	while ((n = fread(buf + len, 1, cap - len, f)) > 0) {
		len += n;
		if (len == cap) {
			cap *= 2;
			tmp = realloc(buf, cap + 1);
			if (!tmp) {
				free(buf);
				return NULL;
			}
			buf = tmp;
		}
	}
	buf[len] = '\0';
	return buf;
}

/* A bool module parameter's sysfs file: "Y" or "N". */
static enum glt_config read_bool_param(const char *path)
{
	char c = 0;
	FILE *f = fopen(path, "re");

	if (!f)
		return GLT_CONFIG_UNKNOWN;
	if (fread(&c, 1, 1, f) != 1)
		c = 0;
	fclose(f);
	return c == 'Y' || c == '1' ? GLT_CONFIG_Y :
	       c == 'N' || c == '0' ? GLT_CONFIG_N :
				      GLT_CONFIG_UNKNOWN;
}

/* An option of a config that was read: one it does not name is n. */
static enum glt_config config_of(const char *text, const char *name)
{
	enum glt_config c = glt_config_lookup(text, name);

	return c == GLT_CONFIG_UNKNOWN ? GLT_CONFIG_N : c;
}

void glt_kernel_facts_config(struct glt_kernel_facts *kf, const char *text)
{
	kf->fs_dax = config_of(text, "FS_DAX");
	kf->dev_dax = config_of(text, "DEV_DAX");
	kf->secretmem = config_of(text, "SECRETMEM");
	kf->device_private = config_of(text, "DEVICE_PRIVATE");
	kf->test_hmm = config_of(text, "TEST_HMM");
	kf->zone_device = config_of(text, "ZONE_DEVICE");
	kf->swap = config_of(text, "SWAP");
}

/* log2(bytes) - page_shift: bytes' order in pages; 0 for no size. */
static unsigned int order_of_bytes(unsigned long bytes, unsigned int page_shift)
{
	unsigned int shift = 0;

	if (!bytes)
		return 0;
	while ((1UL << shift) < bytes)
		shift++;
	return shift > page_shift ? shift - page_shift : 0;
}

int glt_kernel_facts_read(struct glt_kernel_facts *kf)
{
	struct utsname u;
	char path[160];
	char *text = NULL;
	FILE *f;

	memset(kf, 0, sizeof(*kf));
	if (uname(&u))
		return -1;
	snprintf(kf->release, sizeof(kf->release), "%s", u.release);
	snprintf(kf->machine, sizeof(kf->machine), "%s", u.machine);
	kf->version = glt_parse_release(u.release);
	kf->page_shift = glt_page_shift();
	kf->pmd_order = order_of_bytes(glt_pmd_size(), kf->page_shift);
	kf->hugetlb_order = order_of_bytes(glt_hugetlb_size(), kf->page_shift);

	snprintf(path, sizeof(path), "/boot/config-%s", u.release);
	f = fopen(path, "r");
	if (f) {
		text = slurp(f);
		fclose(f);
	} else if (!access("/proc/config.gz", R_OK)) {
		/* CONFIG_IKCONFIG_PROC: gzip text; zcat exists in busybox too. */
		f = popen("zcat /proc/config.gz 2>/dev/null", "r");
		if (f) {
			text = slurp(f);
			if (pclose(f) != 0) {
				free(text);
				text = NULL;
			}
			snprintf(path, sizeof(path), "/proc/config.gz");
		}
	}
	if (text && *text) {
		snprintf(kf->config_source, sizeof(kf->config_source), "%s",
			 path);
		glt_kernel_facts_config(kf, text);
	}
	free(text);
	kf->secretmem_enable =
		read_bool_param("/sys/module/secretmem/parameters/enable");
	return 0;
}
