/**
 * Coroutines written with jcoro: each class {@code X} here has its factories in the generated
 * class {@code XCoroutines}.
 */
package com.example.consumer;
