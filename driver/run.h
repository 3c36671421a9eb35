/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _WQD_RUN_H
#define _WQD_RUN_H

#include <linux/workqueue.h>

void wqd_item_fn(struct work_struct *work);

#endif /* _WQD_RUN_H */
