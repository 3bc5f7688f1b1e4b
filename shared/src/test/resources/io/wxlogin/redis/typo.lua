return redis.call('HGET', KEYS[1], SCENE.stauts)
