// After the consumer's build (which compiled with -Xlint:all -Werror, ran its tests and its
// javadoc with doclint): what the build left that its own tests can't see.

// The generated class files, the state machines and the local types moved into them too, carry
// dev.jcoro.Generated, by which coverage tools such as JaCoCo leave generated code out.
def classes = new File(basedir, 'target/classes/com/example/consumer')
def generated = classes.listFiles().findAll { it.name.contains('Coroutines') }
assert generated.any { it.name == 'SequencesCoroutines.class' }
assert generated.any { it.name.endsWith('StateMachine.class') }
assert generated.any { it.name.endsWith('StateMachine$Entry.class') }
generated.each { file ->
  assert new String(file.bytes, 'ISO-8859-1').contains('Ldev/jcoro/Generated;') : "${file.name} is not marked @Generated"
}

// The factories are part of the javadoc, with the coroutines' own descriptions and parameters.
def html = null
new File(basedir, 'target').eachFileRecurse {
  if (it.name == 'SequencesCoroutines.html' && it.parentFile.name != 'class-use') html = it
}
assert html != null : 'no javadoc page for SequencesCoroutines'
def page = html.getText('UTF-8')
assert page.contains('Counts down from')
assert page.contains('the first value, at least 0')
assert page.contains('the type of the items')
return true
