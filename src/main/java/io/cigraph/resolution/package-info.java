/**
 * Entity resolution: the name key under which two spellings of one organisation or product meet
 * ("Huawei Technologies Co., Ltd.", "HUAWEI", "华为技术有限公司" are all {@code huawei} or
 * {@code 华为}), and the port through which the import finds entities already known under a key.
 * The search index keeps the keys; the import compares incoming names with them. Depends on
 * nothing else of ours.
 */
package io.cigraph.resolution;
