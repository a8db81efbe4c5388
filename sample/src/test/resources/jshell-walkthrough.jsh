import dev.jcoro.sample.*
var co = CoroutinesCoroutines.coroutine()
co.next()
co.send(1)
co.send(2)
co.send(3)
co.close()
co.send(4)
