/**
 * A user of jcoro: coroutines of every common shape, in public classes, so that their generated
 * factories are part of this module's API and of its javadoc.
 */
module com.example.consumer {
  // Transitive: the factories and coroutine methods this module exports have jcoro types in
  // their signatures (javac's -Xlint:exports asks for it).
  requires transitive dev.jcoro;

  exports com.example.consumer;
}
