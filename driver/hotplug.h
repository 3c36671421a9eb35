/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _WQD_HOTPLUG_H
#define _WQD_HOTPLUG_H

int wqd_hotplug_init(void);
void wqd_hotplug_exit(void);

#endif /* _WQD_HOTPLUG_H */
