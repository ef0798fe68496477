// The code under test branches on the platform the way the h5 build does.
process.env.TARO_ENV = 'h5'
