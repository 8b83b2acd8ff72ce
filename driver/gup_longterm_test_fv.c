// SPDX-License-Identifier: GPL-2.0
/*
 * gup_longterm_test_fv: the companion of gup_longterm_test that calls
 * get_vaddr_frames(), the frame-vector helper through which videobuf2
 * takes USERPTR buffers (drivers/media/common/videobuf2/frame_vector.c).
 * It is a module of its own because that code lives in videobuf2-common:
 * depending on it would make the main module load the media core.
 *
 * ABI: uapi/gup_longterm_test.h (GLT_FV_*). One frame vector per open
 * file, released by GLT_FV_IOC_PUT or by release().
 */

#include <linux/capability.h>
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <gup_longterm_test.h>

/* compat.h brings the frame-vector API of this kernel version. */
#define GLT_WANT_FRAME_VECTOR
#include "compat.h"

struct glt_fv_file {
	struct mutex lock;	/* protects vec */
	struct frame_vector *vec;
};

static int glt_fv_open(struct inode *inode, struct file *file)
{
	struct glt_fv_file *f;

	/* The same rule as the main device: see glt_open(). */
	if (!capable(CAP_IPC_LOCK))
		return -EPERM;
	f = kzalloc(sizeof(*f), GFP_KERNEL_ACCOUNT);
	if (!f)
		return -ENOMEM;
	mutex_init(&f->lock);
	file->private_data = f;
	return nonseekable_open(inode, file);
}

static void glt_fv_drop(struct frame_vector *vec)
{
	put_vaddr_frames(vec);	/* unpins what get_vaddr_frames() pinned */
	frame_vector_destroy(vec);
}

static int glt_fv_release(struct inode *inode, struct file *file)
{
	struct glt_fv_file *f = file->private_data;

	if (f->vec)
		glt_fv_drop(f->vec);
	mutex_destroy(&f->lock);
	kfree(f);
	return 0;
}

static long glt_fv_get(struct glt_fv_file *f,
		       struct glt_frame_vector __user *uarg)
{
	struct glt_frame_vector arg;
	struct frame_vector *vec;
	long ret;

	if (copy_from_user(&arg, uarg, sizeof(arg)))
		return -EFAULT;
	if (arg.reserved0 || arg.reserved[0] || arg.reserved[1] ||
	    arg.flags & ~GLT_FV_WRITE || !arg.nr_frames ||
	    arg.nr_frames > GLT_MAX_PAGES_PER_PIN ||
	    arg.addr & ~PAGE_MASK || arg.addr >= TASK_SIZE)
		return -EINVAL;
	vec = frame_vector_create(arg.nr_frames);
	if (!vec)
		return -ENOMEM;
	/*
	 * The lock is held across the GUP call: it only orders this file's
	 * GET against its PUT and release, and is never taken under
	 * mmap_lock (copy_to_user() below runs after it is dropped).
	 */
	if (mutex_lock_killable(&f->lock)) {
		frame_vector_destroy(vec);
		return -EINTR;
	}
	if (f->vec) {
		mutex_unlock(&f->lock);
		frame_vector_destroy(vec);
		return -EBUSY;
	}
	arg.result = glt_get_vaddr_frames(arg.addr, arg.nr_frames,
					  arg.flags & GLT_FV_WRITE, vec);
	if (arg.result > 0)
		f->vec = vec;
	else
		frame_vector_destroy(vec);
	mutex_unlock(&f->lock);
	ret = copy_to_user(uarg, &arg, sizeof(arg)) ? -EFAULT : 0;
	if (ret && arg.result > 0) {
		/* Nobody learnt of the vector: take it back. */
		mutex_lock(&f->lock);
		if (f->vec == vec) {
			f->vec = NULL;
			glt_fv_drop(vec);
		}
		mutex_unlock(&f->lock);
	}
	return ret;
}

static long glt_fv_put(struct glt_fv_file *f)
{
	struct frame_vector *vec;

	if (mutex_lock_killable(&f->lock))
		return -EINTR;
	vec = f->vec;
	f->vec = NULL;
	mutex_unlock(&f->lock);
	if (!vec)
		return -EINVAL;
	glt_fv_drop(vec);
	return 0;
}

static long glt_fv_ioctl(struct file *file, unsigned int cmd,
			 unsigned long arg)
{
	struct glt_fv_file *f = file->private_data;

	switch (cmd) {
	case GLT_FV_IOC_GET:
		return glt_fv_get(f, (void __user *)arg);
	case GLT_FV_IOC_PUT:
		return glt_fv_put(f);
	default:
		return -ENOTTY;
	}
}

static const struct file_operations glt_fv_fops = {
	.owner = THIS_MODULE,
	.open = glt_fv_open,
	.release = glt_fv_release,
	.unlocked_ioctl = glt_fv_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
};

static struct miscdevice glt_fv_misc = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = GLT_FV_DEVICE_NAME,
	.fops = &glt_fv_fops,
	.mode = 0600,
};

module_misc_device(glt_fv_misc);

MODULE_DESCRIPTION("Calls get_vaddr_frames() for gup_longterm_test");
MODULE_AUTHOR("gup-longterm-test developers");
MODULE_LICENSE("GPL");
