/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A table that one .c file defines and others walk (a list of extra cases,
 * a table of rules): the array and its length, declared together in the
 * header with GLT_TABLE_DECLARE, the length defined after the array with
 * GLT_TABLE_COUNT.
 */
#ifndef GLT_TABLE_H
#define GLT_TABLE_H

#define GLT_TABLE_DECLARE(type, name) \
	extern const type name[];     \
	extern const unsigned int name##_count

#define GLT_TABLE_COUNT(name) \
	const unsigned int name##_count = sizeof(name) / sizeof((name)[0])

#endif
