/**
 * HTTP API: controllers, request parameters and problem-details errors (also for what Tomcat and
 * the error page answer). No business logic: each endpoint hands its question to the feature that
 * owns the answer.
 */
package io.cigraph.web;
