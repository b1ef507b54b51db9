/**
 * HTTP API: controllers, request parameters and problem-details errors. No business logic: each
 * endpoint hands its question to the feature that owns the answer.
 */
package io.cigraph.web;
