/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _WQD_CALIBRATE_H
#define _WQD_CALIBRATE_H

#include <linux/wqdemo.h>

int wqd_calibrate(struct wqd_calibrate *req);
int wqd_calibrate_submit(struct wqd_calibrate *req);

#endif /* _WQD_CALIBRATE_H */
